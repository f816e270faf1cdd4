// SPDX-License-Identifier: GPL-2.0
#include "decl_scan.h"
#include "unit.h"
#include "util.h"

static const char src[] =
	"/* struct fake { int a:1; int b:1; }; */\n"
	"struct dev {\n"
	"\tunsigned int a:1, b:1;\t/* one location */\n"
	"\tint count;\n"
	"\tunsigned int c:1;\n"
	"#ifdef CONFIG_D\n"
	"\tunsigned int d:2;\n"
	"#endif\n"
	"\tunsigned int :0;\n"
	"\tunsigned int e:1;\n"
	"\tstruct {\n"
	"\t\tunsigned int f:1;\n"
	"\t\tunsigned int g:1;\n"
	"\t} in;\n"
	"\tu8 h:3;\n"
	"\tu8 :2;\n"
	"\tu8 i:WIDTH;\n"
	"\tvoid (*fn)(int a, int b);\n"
	"\tchar *s;\n"
	"};\n"
	"typedef struct {\n"
	"\tbool x:1;\n"
	"\tbool y:1;\n"
	"} pair_t;\n"
	"struct outer {\n"
	"\tstruct inner { int p:1; int q:1; } in;\n"
	"} __packed;\n"
	"struct one { int z:1; };\n";

static const char *fields(const struct decl_location *l, struct strbuf *sb)
{
	strbuf_reset(sb);
	for (int i = 0; i < l->nr_fields; i++)
		strbuf_addf(sb, "%s%s", i ? "," : "", l->fields[i]);
	return sb->buf;
}

int main(void)
{
	struct decl_scan d = { 0 };
	struct strbuf sb = STRBUF_INIT;

	decl_scan_buf(&d, src, sizeof(src) - 1, "dev.h");
	CHECK_INT(d.nr, 5, "five locations of two or more named fields");
	if (d.nr == 5) {
		CHECK_STR(d.v[0].struct_name, "dev", "a list declaration is one location");
		CHECK_STR(fields(&d.v[0], &sb), "a,b", "a and b share");
		CHECK_INT(d.v[0].line, 3, "line of the first field");
		CHECK_STR(fields(&d.v[1], &sb), "c,d", "#ifdef lines do not split a run");
		CHECK_INT(d.v[1].line, 5, "c is on line 5");
		CHECK_STR(fields(&d.v[2], &sb), "h,i", "unnamed padding and macro widths stay in");
		CHECK_STR(d.v[3].struct_name, "pair_t", "typedef name of an anonymous struct");
		CHECK_STR(fields(&d.v[3], &sb), "x,y", "bool bitfields");
		CHECK_STR(d.v[4].struct_name, "inner", "nested named struct");
		CHECK_STR(fields(&d.v[4], &sb), "p,q", "nested struct fields");
		CHECK_STR(d.v[4].file, "dev.h", "file recorded");
	}
	decl_scan_release(&d);
	strbuf_release(&sb);
	return unit_done();
}

// SPDX-License-Identifier: GPL-2.0
#include "decl_scan.h"
#include "layout.h"
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
	"struct one { int z:1; };\n"
	"struct holder { const struct dev *dev, *dev2; union u_t uu; pair_t pr; };\n";

/* The named fields of s's multi-field locations, "a,b c,d". */
static const char *locations(const struct bs_struct *s, struct strbuf *sb)
{
	strbuf_reset(sb);
	for (int l = 0; l < s->nr_locations; l++) {
		const struct bs_location *loc = &s->locations[l];
		int named = 0;

		if (loc->nr_fields < 2)
			continue;
		for (int i = 0; i < loc->nr_fields; i++) {
			const char *name = s->members[loc->fields[i]].name;

			if (name)
				strbuf_addf(sb, "%s%s", named++ ? "," : sb->len ? " " : "", name);
		}
	}
	return sb->buf;
}

int main(void)
{
	struct decl_scan d = { 0 };
	struct bs_layout l = { 0 };
	struct strbuf sb = STRBUF_INIT;

	decl_scan_buf(&d, src, sizeof(src) - 1, "dev.h");
	CHECK_INT(d.nr, 6, "six structs: not the commented-out one, not the anonymous nested one");
	if (d.nr == 6) {
		CHECK_STR(d.v[0].name, "dev", "the tag");
		CHECK_INT(d.v[0].line, 2, "line of the opening brace");
		CHECK_INT(d.v[0].nr_members, 13, "every top-level member, padding included");
		CHECK_INT(d.v[0].members[0].width, 1, "a:1");
		CHECK_INT(d.v[0].members[2].width, 0, "count is not a bitfield");
		CHECK_INT(d.v[0].members[5].width, -1, "the :0");
		CHECK_INT(d.v[0].members[10].width, 1, "a macro width counts as 1");
		CHECK_STR(d.v[1].name, "pair_t", "typedef name of an anonymous struct");
		CHECK_STR(d.v[3].name, "inner", "nested named struct, after its parent");
		CHECK_STR(d.v[3].file, "dev.h", "file recorded");
		CHECK_STR(d.v[0].members[2].type, "int", "a member's type word");
		CHECK_STR(d.v[0].members[12].type, "char", "of a pointer too");
		CHECK_INT(d.v[0].members[7].type == NULL, 1, "a nested aggregate has none");
		CHECK_STR(d.v[5].members[0].type, "dev", "the tag of a const struct pointer");
		CHECK_STR(d.v[5].members[1].type, "dev", "every declarator of a member");
		CHECK_STR(d.v[5].members[2].type, "u_t", "a union's tag");
		CHECK_STR(d.v[5].members[3].type, "pair_t", "a typedef name");
		CHECK_INT(d.v[5].members[0].tagged, 1, "a const struct pointer is tagged");
		CHECK_INT(d.v[5].members[2].tagged, 1, "a union is tagged");
		CHECK_INT(d.v[5].members[3].tagged, 0, "a typedef name is not");
		CHECK_INT(d.v[0].members[2].tagged, 0, "nor a type word");
	}
	layout_from_decls(&l, &d);
	CHECK_INT(l.nr_structs, 6, "one model struct per declaration");
	if (l.nr_structs == 6) {
		CHECK_STR(locations(&l.structs[0], &sb), "a,b c,d h,i",
			  "the model's runs: #ifdef lines, unnamed padding and macro widths "
			  "stay in; a member, a :0 and a nested struct end a run");
		CHECK_STR(locations(&l.structs[1], &sb), "x,y", "bool bitfields");
		CHECK_STR(locations(&l.structs[2], &sb), "", "outer: its nested struct is a member");
		CHECK_STR(locations(&l.structs[3], &sb), "p,q", "nested struct fields");
		CHECK_STR(locations(&l.structs[4], &sb), "", "one field is no shared location");
		CHECK_STR(l.structs[5].members[0].type, "struct dev",
			  "a struct member keeps its tag, for the facts to follow");
		CHECK_STR(l.structs[5].members[2].type, "struct u_t", "a union's too");
		CHECK_STR(l.structs[5].members[3].type, "long", "a typedef is a word");
	}
	layout_release(&l);
	decl_scan_release(&d);
	strbuf_release(&sb);
	return unit_done();
}

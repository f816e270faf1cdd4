// SPDX-License-Identifier: GPL-2.0
/*
 * Turn any layout INPUT into the model: a saved pahole dump is parsed as
 * is; an ELF file (object, vmlinux, .ko) or a raw BTF file is fed to
 * pahole first.  pahole's exit code means little (1.24 exits 0 when a -C
 * type is missing, 1.29-1.30 exit 1 after printing the right answer), so
 * what decides is what it printed: the structs on stdout, the complaints
 * on stderr.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "layout.h"
#include "run_command.h"
#include "util.h"

enum input_kind { INPUT_DUMP, INPUT_ELF, INPUT_BTF };

/*
 * An input is opened and read once: a FIFO or "<(cat dump)" cannot be
 * opened again, and a second open lost what the first one read.  A
 * regular file is sniffed with pread() and, when it is a dump, mapped:
 * the vmlinux one is 6 MB and copying it costs as much as parsing it.
 * Anything else is read whole; pahole gets an ELF or BTF read that way
 * from a temporary file, as it needs a name.
 */
struct input {
	const char *path;		/* what pahole reads */
	enum input_kind kind;
	const char *data;		/* a dump's text */
	size_t len;
	void *map;
	struct strbuf buf;
	char *tmp_dir;			/* holds path when it is a copy */
};

static enum input_kind sniff(const unsigned char *magic, size_t n)
{
	if (n >= 4 && !memcmp(magic, "\177ELF", 4))
		return INPUT_ELF;
	if (n >= 2 && ((magic[0] == 0x9f && magic[1] == 0xeb) ||
		       (magic[0] == 0xeb && magic[1] == 0x9f)))
		return INPUT_BTF;
	return INPUT_DUMP;
}

static int read_regular(struct input *in, int fd, size_t size)
{
	unsigned char magic[4];
	ssize_t n = pread(fd, magic, sizeof(magic), 0);

	if (n < 0)
		return -1;
	in->kind = sniff(magic, (size_t)n);
	if (in->kind != INPUT_DUMP || !size)
		return 0;
	in->map = mmap(NULL, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
	if (in->map == MAP_FAILED) {
		in->map = NULL;
		return -1;
	}
	in->data = in->map;
	in->len = size;
	return 0;
}

static int read_stream(struct input *in, int fd)
{
	char *copy;
	int ret;

	if (strbuf_read_fd(&in->buf, fd) < 0)
		return -1;
	in->kind = sniff((const unsigned char *)in->buf.buf, in->buf.len);
	in->data = in->buf.buf;
	in->len = in->buf.len;
	if (in->kind == INPUT_DUMP)
		return 0;
	in->tmp_dir = xstrfmt("%s/bitsplit-input.XXXXXX", tmp_dir());
	if (!mkdtemp(in->tmp_dir)) {
		free(in->tmp_dir);
		in->tmp_dir = NULL;
		return -1;
	}
	copy = xstrfmt("%s/input", in->tmp_dir);
	ret = write_file_atomic(copy, in->buf.buf, in->buf.len);
	in->path = copy;
	return ret;
}

static int open_input(struct input *in, const char *input)
{
	int fd = strcmp(input, "-") ? open(input, O_RDONLY) : 0;
	struct stat st;
	int ret;

	memset(in, 0, sizeof(*in));
	in->path = input;
	if (fd < 0)
		return error("%s: cannot open: %s", input, strerror(errno));
	/* stdin may be a regular file read part-way: then it is a stream */
	if (!fstat(fd, &st) && S_ISREG(st.st_mode) && !lseek(fd, 0, SEEK_CUR))
		ret = read_regular(in, fd, (size_t)st.st_size);
	else
		ret = read_stream(in, fd);
	if (ret)
		error("%s: cannot read: %s", input, strerror(errno));
	if (fd)
		close(fd);
	return ret;
}

static void close_input(struct input *in, const char *input)
{
	if (in->map)
		munmap(in->map, in->len);
	strbuf_release(&in->buf);
	if (in->tmp_dir)
		remove_tree(in->tmp_dir);
	free(in->tmp_dir);
	if (in->path != input)
		free((char *)in->path);
}

/* "BTF: idx: 114145, Unknown kind 17": 1.24 reading a newer kernel's BTF */
static bool is_noise(const char *line, size_t len)
{
	static const char noise[] = "Unknown kind";

	for (size_t i = 0; i + sizeof(noise) - 1 <= len; i++)
		if (!memcmp(line + i, noise, sizeof(noise) - 1))
			return true;
	return false;
}

/* The stderr lines that are not known noise, or NULL. */
static char *complaints(const struct strbuf *err)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = err->buf, *end = err->buf + err->len;

	while (p && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if (len && !is_noise(p, len)) {
			if (sb.len)
				strbuf_addstr(&sb, "; ");
			strbuf_add(&sb, p, len);
		}
		p = nl ? nl + 1 : NULL;
	}
	return sb.len ? strbuf_detach(&sb) : NULL;
}

static int run_pahole(const char *input, enum input_kind kind, const char **structs,
		      struct strbuf *out, char **complaint)
{
	struct strbuf list = STRBUF_INIT, err = STRBUF_INIT;
	const char *argv[8];
	struct child cmd = { .argv = argv, .out = out, .err = &err };
	int argc = 0, rc;

	argv[argc++] = "pahole";
	if (kind == INPUT_BTF) {
		argv[argc++] = "-F";
		argv[argc++] = "btf";
	} else {
		argv[argc++] = "-I";	/* DWARF: where each struct is declared */
	}
	for (int i = 0; structs && structs[i]; i++) {
		if (i)
			strbuf_addch(&list, ',');
		strbuf_addstr(&list, structs[i]);
	}
	if (list.len) {
		argv[argc++] = "-C";
		argv[argc++] = list.buf;
	}
	argv[argc++] = input;
	argv[argc] = NULL;
	rc = run_command(&cmd);
	strbuf_release(&list);
	*complaint = complaints(&err);
	strbuf_release(&err);
	if (rc == 127 && !out->len) {
		free(*complaint);
		*complaint = NULL;
		return error("cannot run pahole: install the dwarves package");
	}
	return rc;
}

static bool has_bitfield(const struct bs_struct *s)
{
	for (int k = 0; k < s->nr_members; k++)
		if (s->members[k].bit_size)
			return true;
	return false;
}

static int filter(struct bs_layout *l, int first, const char **names,
		  const char *input, bool keep_plain)
{
	int kept = first;

	for (int i = 0; names && names[i]; i++) {
		bool found = false;

		for (int j = first; j < l->nr_structs && !found; j++)
			found = !strcmp(l->structs[j].name, names[i]);
		if (!found && input)
			return error("%s: struct '%s' not found", input, names[i]);
		if (!found)
			return error("struct '%s' not found in any input", names[i]);
	}
	if (!names)
		return 0;
	for (int j = first; j < l->nr_structs; j++) {
		struct bs_struct *s = &l->structs[j];
		bool wanted = false;

		for (int i = 0; names[i] && !wanted; i++)
			wanted = !strcmp(s->name, names[i]);
		/*
		 * A struct not judged still names, by its members' types, the
		 * struct of a lock reached through it (ipr_slave_alloc's
		 * ioa_cfg->host->host_lock when only ipr_resource_entry is
		 * judged): it stays, without its memory locations.
		 */
		if (!wanted && keep_plain && has_bitfield(s)) {
			for (int k = 0; k < s->nr_locations; k++)
				free(s->locations[k].fields);
			free(s->locations);
			s->locations = NULL;
			s->nr_locations = s->alloc_locations = 0;
			wanted = true;
		}
		if (wanted || (keep_plain && !has_bitfield(s)))
			l->structs[kept++] = *s;
		else
			layout_release_struct(s);
	}
	l->nr_structs = kept;
	return 0;
}

int layout_filter(struct bs_layout *l, int first, const char **names,
		  const char *input)
{
	return filter(l, first, names, input, false);
}

int layout_filter_judged(struct bs_layout *l, const char **names)
{
	return filter(l, 0, names, NULL, true);
}

/*
 * pahole 1.24 does not know DWARF 5's DW_TAG_atomic_type (0x47), which gcc
 * emits for every C11 _Atomic type: a struct with an _Atomic member cannot
 * be printed.  Without the DWARF 5 tag the qualifier is dropped and the
 * layout, the same, can be read.
 */
static const char *atomic_hint(const char *complaint)
{
	return strstr(complaint, "(0x47)") ?
	       " (pahole cannot read C11 _Atomic types, DW_TAG_atomic_type: build "
	       "the objects with -gdwarf-4 -gstrict-dwarf)" : "";
}


/* empty_ok: an object without a struct adds none and is no error */
static int load(struct bs_layout *l, const char *input, const char **structs,
		bool empty_ok)
{
	const char *shown = strcmp(input, "-") ? input : "<stdin>";
	struct strbuf buf = STRBUF_INIT;
	char *complaint = NULL, *name;
	enum input_kind kind;
	struct input in;
	int first = l->nr_structs, ret, rc = 0;

	if (open_input(&in, input)) {
		close_input(&in, input);
		return -1;
	}
	kind = in.kind;
	if (kind == INPUT_DUMP) {
		ret = layout_parse_text(l, in.data ? in.data : "", in.len, shown);
	} else {
		rc = run_pahole(in.path, kind, structs, &buf, &complaint);
		if (rc < 0) {
			close_input(&in, input);
			strbuf_release(&buf);
			return -1;
		}
		name = xstrfmt("%s (pahole output)", input);
		ret = layout_parse_text(l, buf.buf ? buf.buf : "", buf.len, name);
		strbuf_release(&buf);
		free(name);
		/* what pahole said on stderr explains what it printed */
		if (ret && complaint)
			error("%s: pahole (exit %d): %s%s", input, rc, complaint,
			      atomic_hint(complaint));
	}
	close_input(&in, input);
	if (!ret && kind == INPUT_DUMP && l->nr_structs == first) {
		ret = error("%s: expected a pahole dump, found no struct", input);
	} else if (!ret && l->nr_structs == first && !structs && empty_ok) {
		free(complaint);
		return 0;
	} else if (!ret && l->nr_structs == first && !structs) {
		ret = error("%s: pahole printed no struct%s%s", input,
			    complaint ? ": " : "", complaint ? complaint : "");
	}
	if (!ret)
		ret = layout_filter(l, first, structs, input);
	if (!ret && complaint)
		warning("%s: pahole (exit %d): %s%s", input, rc, complaint,
			atomic_hint(complaint));
	free(complaint);
	for (int i = first; i < l->nr_structs; i++) {
		if (ret)
			layout_release_struct(&l->structs[i]);
		else
			l->structs[i].source = layout_strdup(l, input);
	}
	if (ret)
		l->nr_structs = first;
	return ret;
}

int layout_load(struct bs_layout *l, const char *input, const char **structs)
{
	return load(l, input, structs, false);
}

int layout_load_object(struct bs_layout *l, const char *input)
{
	return load(l, input, NULL, true);
}

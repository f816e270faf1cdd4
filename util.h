/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_UTIL_H
#define BITSPLIT_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Grow an array so that index nr_ fits; alloc_ tracks its capacity.
 * Same contract as git's ALLOC_GROW.
 */
#define ALLOC_GROW(x, nr_, alloc_)                                        \
	do {                                                              \
		if ((size_t)(nr_) > (size_t)(alloc_)) {                   \
			alloc_ = (alloc_) < 16 ? 16 : (alloc_) * 2;       \
			if ((size_t)(alloc_) < (size_t)(nr_))             \
				alloc_ = (nr_);                           \
			x = xrealloc((x), sizeof(*(x)) * (alloc_));       \
		}                                                         \
	} while (0)

/* die() exits with status 2: bitsplit reserves 1 for "found races". */
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
int error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xstrfmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable NUL-terminated byte buffer. */
struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
};
#define STRBUF_INIT { NULL, 0, 0 }

void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
void strbuf_reset(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
char *strbuf_detach(struct strbuf *sb);
/*
 * Read a whole file (or stdin for "-"); returns -1 with errno set on
 * failure.  On success sb->buf is a NUL-terminated string, "" for an
 * empty file, but the data may hold NUL bytes of its own: see check_text().
 */
int strbuf_read_file(struct strbuf *sb, const char *path);
/* The same from an open descriptor, to its end; fd stays open. */
int strbuf_read_fd(struct strbuf *sb, int fd);
/*
 * Text input has no NUL byte: every string function would stop at it and
 * silently drop the rest.  Returns 0, or -1 after printing
 * "NAME:LINE: error: unexpected NUL byte".  buf need not be terminated.
 */
int check_text(const char *buf, size_t len, const char *name);

bool starts_with(const char *s, const char *prefix);
bool ends_with(const char *s, const char *suffix);

/*
 * Write data to path atomically: a temporary file in the same directory,
 * fsync, rename. Readers never see a half-written output.
 */
int write_file_atomic(const char *path, const void *data, size_t len);

/* isalnum or '_': a character of a C identifier. */
bool is_ident_char(int c);
/* Is name[0, n) one of the comma-separated names of list? */
bool comma_list_has(const char *list, const char *name, size_t n);
/* The first "->field" or ".field" in text not followed by an identifier character, or NULL. */
const char *find_field_use(const char *text, const char *field);
bool is_dir(const char *path);
/* qsort/bsearch comparator for an array of C strings. */
int cmp_strp(const void *a, const void *b);
/* mkdir -p: every missing directory of dir; -1 with errno on failure. */
int mkdir_p(const char *dir);
/* $TMPDIR when set and not empty, else /tmp. */
const char *tmp_dir(void);
/* rm -rf without a shell or a child process; missing is not an error. */
int remove_tree(const char *path);

#endif

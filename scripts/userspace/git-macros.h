/*
 * Parse hints for git 2.39 (--macro-file): attribute macros of
 * git-compat-util.h that spatch cannot parse before a declaration.
 */
#define NORETURN
#define MAYBE_UNUSED
#define UNUSED
#define NORETURN_PTR

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_BUILTIN_H
#define BITSPLIT_BUILTIN_H

/* One cmd_* per subcommand, each in its own cmd_*.c, as in git. */
int cmd_layout(int argc, const char **argv);
int cmd_facts(int argc, const char **argv);
int cmd_check(int argc, const char **argv);
int cmd_fix(int argc, const char **argv);
int cmd_verify(int argc, const char **argv);
int cmd_series(int argc, const char **argv);
int cmd_sweep(int argc, const char **argv);
int cmd_merge(int argc, const char **argv);
int cmd_install_cocci(int argc, const char **argv);

#endif

// SPDX-License-Identifier: GPL-2.0
/* Placeholder until this command lands; replaced by its implementation. */
#include "builtin.h"
#include "util.h"

int cmd_install_cocci(int argc, const char **argv)
{
	(void)argc;
	(void)argv;
	die("'install_cocci' is not implemented yet");
}

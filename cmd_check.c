// SPDX-License-Identifier: GPL-2.0
/* Placeholder until this command lands; replaced by its implementation. */
#include "builtin.h"
#include "util.h"

int cmd_check(int argc, const char **argv)
{
	(void)argc;
	(void)argv;
	die("'check' is not implemented yet");
}

// SPDX-License-Identifier: GPL-2.0
/* Placeholder until this command lands; replaced by its implementation. */
#include "builtin.h"
#include "util.h"

int cmd_layout(int argc, const char **argv)
{
	(void)argc;
	(void)argv;
	die("'layout' is not implemented yet");
}

# cli/: the routemu command shell (see cli/README.md).
bin_PROGRAMS += cli/cli
cli_cli_SOURCES = \
	cli/cli.h \
	cli/main.c \
	cli/mgdclient.c \
	cli/editline.c \
	cli/opmode.c \
	cli/cfgmode.c \
	cli/batch.c \
	cli/complete.c cli/complete.h \
	cli/pipe.c cli/pipe.h \
	cli/pager.c cli/pager.h
cli_cli_LDADD = $(COMMON_LIBS) $(LIBEDIT_LIBS)

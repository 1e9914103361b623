# mgd/: the configuration daemon of an instance (see mgd/README.md).
bin_PROGRAMS += mgd/mgd
mgd_mgd_SOURCES = \
	mgd/mgd.h \
	mgd/main.c \
	mgd/session.c \
	mgd/rpc_config.c \
	mgd/rpc_mode.c \
	mgd/command.c \
	mgd/db.c \
	mgd/journal.c \
	mgd/history.c \
	mgd/commit.c \
	mgd/daemons.c
mgd_mgd_LDADD = $(COMMON_LIBS)
EXTRA_DIST += mgd/README.md

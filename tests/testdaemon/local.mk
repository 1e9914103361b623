# tests/testdaemon/: a small configuration daemon that registers with mgd, for the
# daemon check/apply system tests (see tests/testdaemon/README.md).
noinst_PROGRAMS += tests/testdaemon/testdaemon
tests_testdaemon_testdaemon_SOURCES = tests/testdaemon/testdaemon.c
tests_testdaemon_testdaemon_LDADD = $(COMMON_LIBS)
EXTRA_DIST += tests/testdaemon/README.md

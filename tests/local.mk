# tests/: C unit tests (tests/unit), the test daemon, fuzz targets (built by tests/fuzz/build.sh)
# and the pytest system tests (run by ./check, not by make check).
AM_TESTS_ENVIRONMENT = \
	ROUTEMU_SCHEMA_DIR='$(abs_top_srcdir)/schema'; export ROUTEMU_SCHEMA_DIR; \
	ROUTEMU_TESTDATA='$(abs_top_srcdir)/tests/unit/data'; export ROUTEMU_TESTDATA; \
	srcdir='$(abs_top_srcdir)'; export srcdir;

UNIT_TESTS = \
	tests/unit/test_buf \
	tests/unit/test_atomicfile \
	tests/unit/test_clock \
	tests/unit/test_secret9 \
	tests/unit/test_netconf \
	tests/unit/test_schema \
	tests/unit/test_conf \
	tests/unit/test_conf_undo \
	tests/unit/test_setcmd \
	tests/unit/test_conftext \
	tests/unit/test_confset \
	tests/unit/test_confxml \
	tests/unit/test_confjson \
	tests/unit/test_confdiff \
	tests/unit/test_confload \
	tests/unit/test_groups \
	tests/unit/test_must \
	tests/unit/test_validate \
	tests/unit/test_complete \
	tests/unit/test_pipe \
	tests/unit/test_opschema \
	tests/unit/test_render \
	tests/unit/test_sysinfo
check_PROGRAMS += $(UNIT_TESTS) tests/unit/validate_driver
TESTS += $(UNIT_TESTS)
unit_headers = tests/unit/unit.h tests/unit/validate_util.h tests/unit/formats_util.h

tests_unit_test_buf_SOURCES = tests/unit/test_buf.c $(unit_headers)
tests_unit_test_buf_LDADD = $(COMMON_LIBS)
tests_unit_test_atomicfile_SOURCES = tests/unit/test_atomicfile.c $(unit_headers)
tests_unit_test_atomicfile_LDADD = $(COMMON_LIBS)
tests_unit_test_clock_SOURCES = tests/unit/test_clock.c $(unit_headers)
tests_unit_test_clock_LDADD = $(COMMON_LIBS)
tests_unit_test_secret9_SOURCES = tests/unit/test_secret9.c $(unit_headers)
tests_unit_test_secret9_LDADD = $(COMMON_LIBS)
tests_unit_test_netconf_SOURCES = tests/unit/test_netconf.c $(unit_headers)
tests_unit_test_netconf_LDADD = $(COMMON_LIBS)
tests_unit_test_schema_SOURCES = tests/unit/test_schema.c $(unit_headers)
tests_unit_test_schema_LDADD = $(COMMON_LIBS)
tests_unit_test_conf_SOURCES = tests/unit/test_conf.c $(unit_headers)
tests_unit_test_conf_LDADD = $(COMMON_LIBS)
tests_unit_test_setcmd_SOURCES = tests/unit/test_setcmd.c $(unit_headers)
tests_unit_test_setcmd_LDADD = $(COMMON_LIBS)
tests_unit_test_conftext_SOURCES = tests/unit/test_conftext.c $(unit_headers)
tests_unit_test_conftext_LDADD = $(COMMON_LIBS)
tests_unit_test_confset_SOURCES = tests/unit/test_confset.c $(unit_headers)
tests_unit_test_confset_LDADD = $(COMMON_LIBS)
tests_unit_test_confxml_SOURCES = tests/unit/test_confxml.c $(unit_headers)
tests_unit_test_confxml_LDADD = $(COMMON_LIBS)
tests_unit_test_confjson_SOURCES = tests/unit/test_confjson.c $(unit_headers)
tests_unit_test_confjson_LDADD = $(COMMON_LIBS)
tests_unit_test_confdiff_SOURCES = tests/unit/test_confdiff.c $(unit_headers)
tests_unit_test_confdiff_LDADD = $(COMMON_LIBS)
tests_unit_test_confload_SOURCES = tests/unit/test_confload.c $(unit_headers)
tests_unit_test_confload_LDADD = $(COMMON_LIBS)
tests_unit_test_groups_SOURCES = tests/unit/test_groups.c $(unit_headers)
tests_unit_test_groups_LDADD = $(COMMON_LIBS)
tests_unit_test_conf_undo_SOURCES = tests/unit/test_conf_undo.c $(unit_headers)
tests_unit_test_conf_undo_LDADD = $(COMMON_LIBS)
tests_unit_test_opschema_SOURCES = tests/unit/test_opschema.c $(unit_headers)
tests_unit_test_opschema_LDADD = $(COMMON_LIBS)
tests_unit_test_render_SOURCES = tests/unit/test_render.c $(unit_headers)
tests_unit_test_render_LDADD = $(COMMON_LIBS)
tests_unit_test_sysinfo_SOURCES = tests/unit/test_sysinfo.c $(unit_headers)
tests_unit_test_sysinfo_LDADD = $(COMMON_LIBS)
tests_unit_test_must_SOURCES = tests/unit/test_must.c $(unit_headers)
tests_unit_test_must_LDADD = $(COMMON_LIBS)
tests_unit_test_validate_SOURCES = tests/unit/test_validate.c $(unit_headers)
tests_unit_test_validate_LDADD = $(COMMON_LIBS)
tests_unit_test_complete_SOURCES = tests/unit/test_complete.c cli/complete.c cli/pipe.c cli/pager.c $(unit_headers)
tests_unit_test_complete_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/cli
tests_unit_test_complete_LDADD = $(COMMON_LIBS)
tests_unit_test_pipe_SOURCES = tests/unit/test_pipe.c cli/pipe.c cli/pager.c $(unit_headers)
tests_unit_test_pipe_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/cli
tests_unit_test_pipe_LDADD = $(COMMON_LIBS)
tests_unit_validate_driver_SOURCES = tests/unit/validate_driver.c $(unit_headers)
tests_unit_validate_driver_LDADD = $(COMMON_LIBS)

EXTRA_DIST += tests/unit/data tests/system tests/fuzz/README.md tests/fuzz/build.sh tests/fuzz/run.sh \
	tests/fuzz/corpus tests/fuzz/fuzz_confjson.c tests/fuzz/fuzz_conftext.c tests/fuzz/fuzz_netconf_rpc.c tests/fuzz/fuzz_secret9.c tests/fuzz/fuzz_setcmd.c tests/fuzz/fuzz_common.h

include $(srcdir)/tests/testdaemon/local.mk

# lib/: code shared by every program (see lib/README.md).
noinst_LIBRARIES += lib/libroutemu.a
lib_libroutemu_a_SOURCES = \
	lib/buf.c lib/buf.h \
	lib/xmalloc.c lib/xmalloc.h \
	lib/xmlutil.c lib/xmlutil.h \
	lib/log.c lib/log.h \
	lib/clock.c lib/clock.h \
	lib/instance.c lib/instance.h \
	lib/atomicfile.c lib/atomicfile.h \
	lib/secret9.c lib/secret9.h \
	lib/netconf.c lib/netconf.h \
	lib/schema.c lib/schema.h \
	lib/types.c \
	lib/conf.c lib/conf.h \
	lib/setcmd.c lib/setcmd.h \
	lib/conffmt.h \
	lib/conftext.c lib/confxml.c lib/confjson.c lib/confset.c lib/confdiff.c lib/confload.c \
	lib/groups.c \
	lib/must.c lib/must.h \
	lib/validate.c lib/validate.h \
	lib/opschema.c lib/opschema.h \
	lib/render.c lib/render.h \
	lib/sysinfo.c lib/sysinfo.h

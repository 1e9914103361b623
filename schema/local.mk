# schema/: the XML schema read at run time by mgd and cli (format: schema/README.md).
# lib/schema.c loads every *.xml of $(schemadir) in file-name order; list each file here.
schemadir = $(pkgdatadir)/schema
dist_schema_DATA = \
	schema/10-groups.xml \
	schema/20-system.xml \
	schema/30-services.xml \
	schema/40-security.xml \
	schema/50-interfaces.xml \
	schema/60-routing-options.xml \
	schema/70-routing-instances.xml

# Not installed: how the schema is made and checked (tests/system/test_schema_yang.py).
EXTRA_DIST += \
	schema/README.md \
	schema/OMISSIONS \
	tools/yang2schema.py \
	tools/README.md

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

# Operational commands (format: schema/op/README.md), loaded by lib/opschema.c.
opschemadir = $(pkgdatadir)/schema/op
dist_opschema_DATA = \
	schema/op/10-system.xml \
	schema/op/40-security-group-vpn.xml
EXTRA_DIST += schema/op/README.md

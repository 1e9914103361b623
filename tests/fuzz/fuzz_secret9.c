/*
 * fuzz_secret9: $9$ decoding of arbitrary strings (configuration files and set
 * commands carry them). Whatever decodes must encode and decode back to itself.
 */
#include "fuzz_common.h"
#include "secret9.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in, *plain, *enc, *back;

	if (size > 4096)
		return 0;
	in = fuzz_strdup(data, size);
	plain = secret9_decode(in);
	FUZZ_ASSERT((plain != NULL) == secret9_is_encoded(in), "is_encoded disagrees");
	if (plain != NULL) {
		enc = secret9_encode(plain);
		FUZZ_ASSERT(enc != NULL, "encode failed");
		back = secret9_decode(enc);
		FUZZ_ASSERT(back != NULL && strcmp(back, plain) == 0,
		            "round trip: [%s] -> [%s] -> [%s]", plain, enc, back ? back : "(null)");
		free(back);
		free(enc);
	}
	/* Any text encodes and decodes back. */
	enc = secret9_encode(in);
	back = enc != NULL ? secret9_decode(enc) : NULL;
	FUZZ_ASSERT(back != NULL && strcmp(back, in) == 0, "encode/decode of [%s]", in);
	free(back);
	free(enc);
	free(plain);
	free(in);
	return 0;
}

# docs/labs/aes-round1.gdb -- the gdb commands of the AES lab (docs/labs/aes.md),
# step 3: the state before and after SubBytes() in round 1 of FIPS-197
# Appendix C.1.  tests/sh/12-aes-lab-gdb.sh runs this file in batch mode.
#
#   gdb -x docs/labs/aes-round1.gdb --args bin/cryptolab aes-trace \
#       -K 000102030405060708090a0b0c0d0e0f -in 00112233445566778899aabbccddeeff
break SubBytes
run
# Inside SubBytes(s): s points at row 0 of the state s[4][4]; show all 4 rows.
print/x *s@4
# Run SubBytes() to its end; gdb stops back in Cipher(), at the trace of "s_box".
finish
print round
print/x state

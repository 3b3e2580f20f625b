# docs/labs/aes-round1.gdb -- the gdb commands of the AES lab (docs/labs/aes.md
# section 2), in the lab's order: the state before and after SubBytes() in
# round 1 of FIPS-197 Appendix C.1 (Q2.1), ShiftRows (Q2.2), the round key of
# round 1 (Q2.3), the xtime() call that multiplies {d4} by {02} (Q2.4).
# tests/sh/12-aes-lab-gdb.sh runs this file in batch mode and checks every
# output line the lab shows.
#
#   make debug
#   gdb -x docs/labs/aes-round1.gdb --args bin/cryptolab aes-trace \
#       -K 000102030405060708090a0b0c0d0e0f -in 00112233445566778899aabbccddeeff
#
# An optimised build (plain `make`) would show values before they are
# computed and "<optimized out>": the library says how it was built.
if cl_build_optimized
  echo aes-round1.gdb: this binary is an optimised build (plain make): gdb would show wrong values here. Run `make debug` first.\n
  quit 1
end
break SubBytes
run
print/x *s@4
finish
print round
print/x state
delete
break ShiftRows
continue
finish
print/x state
delete
break AddRoundKey if round == 1
continue
print/x w[round*4]@4
delete
break aes_spec.c:xtime if b == 0xd4
continue
bt 2
finish
print/x $

#!/usr/bin/env bash
# make demo -- the four-step protocol on loopback.
echo "make demo: the secure client/server demo is coming with the protocol issue."
echo "Today you can try:  bin/cryptolab help"
exit 0

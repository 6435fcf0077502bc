#!/bin/sh
# Each line as its length and its first and last 4 characters.
awk 'NF == 0 { print; next }
{ print length($0), substr($0, 1, 4), substr($0, length($0) - 3) }'

#!/bin/sh
# Prints "KIND same" for each pair of equal, non-empty lines, else both.
awk 'NF == 0 { print; next }
{ if (prev == "") { prev = $0; next }
  if (prev == $0 && length($0) > 4) print $1 " same"; else { print prev; print $0 }
  prev = "" }'

abcdefg


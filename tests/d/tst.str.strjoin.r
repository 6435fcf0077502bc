foobar|x|y


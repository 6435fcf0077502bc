-- @@stderr --
udtrace: failed to compile script err.D_DECL_IDRED.inline-redefined.d: [D_DECL_IDRED] line 7: identifier redefined: foo
	 current: inline definition
	previous: scalar inline

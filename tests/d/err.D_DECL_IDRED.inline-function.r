-- @@stderr --
udtrace: failed to compile script err.D_DECL_IDRED.inline-function.d: [D_DECL_IDRED] line 7: identifier redefined: rand
	 current: inline definition
	previous: function 

-- @@stderr --
udtrace: failed to compile script err.D_DECL_IDRED.inline-action.d: [D_DECL_IDRED] line 5: identifier redefined: trace
	 current: inline definition
	previous: tracing function 

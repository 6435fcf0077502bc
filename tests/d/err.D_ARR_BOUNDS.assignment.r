-- @@stderr --
udtrace: failed to compile script err.D_ARR_BOUNDS.assignment.d: [D_ARR_BOUNDS] line 10: index outside array bounds: 5, max is 5

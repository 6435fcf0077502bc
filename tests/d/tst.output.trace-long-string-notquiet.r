CPU     ID                    FUNCTION:NAME
  0      1                           :BEGIN   abcdefghijklmnopqrstuvwxyz0123456789ABCDEF


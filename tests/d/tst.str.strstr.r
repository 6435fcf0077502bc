o world|aaa


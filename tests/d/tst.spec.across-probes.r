from BEGIN


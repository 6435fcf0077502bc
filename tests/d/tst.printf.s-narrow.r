hello|


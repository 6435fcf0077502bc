hi


-- CONVENTIONS §11: the test clock override (one row, or none).
CREATE TABLE test_clock (
  id TINYINT UNSIGNED PRIMARY KEY CHECK (id = 1),
  frozen_at DATETIME(3) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

"""Demo data for the ClassNet Awards: the 14th edition's published Awards and the 17th's cycle
open for entries. Both are made through the awards services, as staff, teachers and judges
make them; the 14th's history is then dated back to 2018 with demo.common.backdate. The
judges' scores are generated, the same every time.

The 14th edition's figures are exact and tested (tests/demo/test_awards_seed.py): 19 entries
from 57 schools in 26 countries, engaging 78 teachers and 1,110 students; 5 judges, 3 per
entry; 6 winners (3 Gold, 3 Merit).

"""

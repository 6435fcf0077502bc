# SPDX-License-Identifier: GPL-2.0-or-later
#
# bench/chart.gp: make bench's chart, run by bench/run.sh:
#   gnuplot -e "dat='DATA'; out='PNG'" -e "title='TITLE'" chart.gp
# DATA (written by bench/report.awk): one line per method, "\"LABEL\"
# NS_DEFAULT NS_SAME_CPU", "-" where a figure is missing. A bar pair per
# method: the default placement and the same CPU. The scale is logarithmic:
# the floors and the tracers lie two orders of magnitude apart.

set terminal pngcairo size 1400,700 noenhanced font ",10"
set output out
set title title
set datafile missing "-"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set logscale y
set yrange [10:*]
set ylabel "ns per event (log scale)"
set xlabel "floors: ns per loop iteration; syscall modes: ns/sc over untraced; pid modes: ns/call (default placement only)"
set grid ytics mytics
set xtics rotate by -40 left nomirror
set key top left
set bmargin 10
plot dat using 2:xtic(1) title "default placement" lc rgb "#3366aa", \
     '' using 3 title "same CPU (pinned)" lc rgb "#dd7722"

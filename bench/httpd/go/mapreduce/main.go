// The Go twin of bench/httpd/mapreduce.c: the same map, split and reduce.
//   mapreduce W [N]   prints "workers W sum S ms T"
package main

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

func mix(x uint64) uint64 {
	for r := 0; r < 8; r++ {
		x ^= x >> 33
		x *= 0xff51afd7ed558ccd
		x ^= x >> 29
	}
	return x & 1023
}

func main() {
	w, _ := strconv.Atoi(os.Args[1])
	n := uint64(200000000)
	if len(os.Args) > 2 {
		n, _ = strconv.ParseUint(os.Args[2], 10, 64)
	}
	out := make(chan uint64, w)
	t0 := time.Now()
	for i := 0; i < w; i++ {
		lo, hi := n*uint64(i)/uint64(w), n*uint64(i+1)/uint64(w)
		go func() {
			var s uint64
			for j := lo; j < hi; j++ {
				s += mix(j)
			}
			out <- s
		}()
	}
	var sum uint64
	for i := 0; i < w; i++ {
		sum += <-out
	}
	fmt.Printf("workers %d sum %d ms %.1f\n", w, sum, float64(time.Since(t0).Microseconds())/1000)
}

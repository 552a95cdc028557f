//go:build ignore

// chanbuf.go - Go twin of bench/lib/chanbuf.c: P producers send N ints in
// total into one channel of capacity 128; main receives them all.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"time"
)

func arg(i int, def int) int {
	if len(os.Args) <= i {
		return def
	}
	v, err := strconv.Atoi(os.Args[i])
	if err != nil || v <= 0 {
		fmt.Fprintf(os.Stderr, "bench: argument %d: want a positive integer, got %q\n", i, os.Args[i])
		os.Exit(2)
	}
	return v
}

func main() {
	n := arg(1, 4000000)
	p := arg(2, 1)
	per := n / p
	n = per * p
	ch := make(chan int, 128)
	t0 := time.Now()
	for j := 0; j < p; j++ {
		go func() {
			for i := 0; i < per; i++ {
				ch <- i
			}
		}()
	}
	sum := 0
	for i := 0; i < n; i++ {
		sum += <-ch
	}
	ns := time.Since(t0).Nanoseconds()
	if sum != p*(per*(per-1)/2) {
		fmt.Fprintln(os.Stderr, "chanbuf: bad sum")
		os.Exit(1)
	}
	fmt.Printf("bench: name=chanbuf_p%d ops=%d ns_op=%.2f procs=%d\n", p, n, float64(ns)/float64(n), runtime.GOMAXPROCS(0))
}

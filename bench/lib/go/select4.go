//go:build ignore

// select4.go - Go twin of bench/lib/select4.c: 4 producers, one channel each
// (capacity 128); main receives all N items with a select over the 4.
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
	n := arg(1, 2000000)
	per := n / 4
	n = per * 4
	var chans [4]chan int
	for i := range chans {
		chans[i] = make(chan int, 128)
	}
	t0 := time.Now()
	for _, c := range chans {
		go func(c chan int) {
			for i := 0; i < per; i++ {
				c <- i
			}
		}(c)
	}
	var hits [4]int
	sum := 0
	for i := 0; i < n; i++ {
		select {
		case v := <-chans[0]:
			sum += v
			hits[0]++
		case v := <-chans[1]:
			sum += v
			hits[1]++
		case v := <-chans[2]:
			sum += v
			hits[2]++
		case v := <-chans[3]:
			sum += v
			hits[3]++
		}
	}
	ns := time.Since(t0).Nanoseconds()
	for i, h := range hits {
		if h != per {
			fmt.Fprintf(os.Stderr, "select4: channel %d gave %d\n", i, h)
			os.Exit(1)
		}
	}
	_ = sum
	fmt.Printf("bench: name=select4 ops=%d ns_op=%.2f procs=%d\n", n, float64(ns)/float64(n), runtime.GOMAXPROCS(0))
}

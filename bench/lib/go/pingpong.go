//go:build ignore

// pingpong.go - Go twin of bench/lib/pingpong.c: N round trips over two
// unbuffered channels.
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
	n := arg(1, 1000000)
	ping := make(chan int)
	pong := make(chan int)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
	}()
	v := 0
	t0 := time.Now()
	for i := 0; i < n; i++ {
		ping <- v
		v = <-pong
	}
	ns := time.Since(t0).Nanoseconds()
	close(ping)
	if v != n {
		fmt.Fprintf(os.Stderr, "pingpong: got %d, want %d\n", v, n)
		os.Exit(1)
	}
	fmt.Printf("bench: name=pingpong ops=%d ns_op=%.2f procs=%d\n", n, float64(ns)/float64(n), runtime.GOMAXPROCS(0))
}

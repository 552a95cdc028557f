//go:build ignore

// pingpong.go - Go twin of bench/checker/pingpong.c: a shared buffer handed back and forth over unbuffered channels.
package main

import (
	"fmt"
	"os"
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

func report(name string, ops int, t0 time.Time) {
	ns := time.Since(t0).Nanoseconds()
	fmt.Printf("bench: name=%s ops=%d ns_op=%.2f\n", name, ops, float64(ns)/float64(ops))
}

var buf [8]int

func main() {
	n := arg(1, 500000)
	ping := make(chan struct{})
	pong := make(chan struct{})
	t0 := time.Now()
	go func() {
		for range ping {
			for i := range buf {
				buf[i] += i
			}
			pong <- struct{}{}
		}
	}()
	for r := 0; r < n; r++ {
		for i := range buf {
			buf[i] ^= r
		}
		ping <- struct{}{}
		<-pong
	}
	close(ping)
	sum := 0
	for _, v := range buf {
		sum += v
	}
	fmt.Println("checksum", sum)
	report("pingpong", n, t0)
}

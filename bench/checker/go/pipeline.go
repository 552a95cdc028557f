//go:build ignore

// pipeline.go - Go twin of bench/checker/pipeline.c: generate -> square -> sum, channels of capacity 64 carrying pointers.
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

type item struct {
	v, sq int
	pad   [2]int
}

func main() {
	n := arg(1, 1000000)
	c1 := make(chan *item, 64)
	c2 := make(chan *item, 64)
	t0 := time.Now()
	go func() {
		for i := 0; i < n; i++ {
			c1 <- &item{v: i}
		}
		close(c1)
	}()
	go func() {
		for it := range c1 {
			it.sq = it.v * it.v
			c2 <- it
		}
		close(c2)
	}()
	sum, count := 0, 0
	for it := range c2 {
		sum += it.sq - it.v
		count++
	}
	if count != n {
		fmt.Fprintf(os.Stderr, "pipeline: %d items, want %d\n", count, n)
		os.Exit(1)
	}
	fmt.Println("checksum", sum)
	report("pipeline", n, t0)
}

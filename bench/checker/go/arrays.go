//go:build ignore

// arrays.go - Go twin of bench/checker/arrays.c: W goroutines, stencil passes over their own slices.
package main

import (
	"fmt"
	"os"
	"strconv"
	"sync"
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

const workers = 2

func main() {
	n := arg(1, 1<<20)
	passes := arg(2, 20)
	var results [workers]int
	var wg sync.WaitGroup
	t0 := time.Now()
	wg.Add(workers)
	for id := 0; id < workers; id++ {
		go func(id int) {
			a := make([]int, n)
			b := make([]int, n)
			for i := range a {
				a[i] = i * (id + 1)
			}
			b[0] = a[0]
			b[n-1] = a[n-1]
			for p := 0; p < passes; p++ {
				for i := 1; i < n-1; i++ {
					b[i] = (a[i-1] + 2*a[i] + a[i+1]) >> 2
				}
				a, b = b, a
			}
			sum := 0
			for _, v := range a {
				sum += v
			}
			results[id] = sum
			wg.Done()
		}(id)
	}
	wg.Wait()
	total := 0
	for _, r := range results {
		total += r
	}
	fmt.Println("checksum", total)
	report("arrays", n*passes*workers, t0)
}

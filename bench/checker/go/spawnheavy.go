//go:build ignore

// spawnheavy.go - Go twin of bench/checker/spawnheavy.c: short goroutines in batches of 64.
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

const (
	batch = 64
	span  = 64
)

func main() {
	n := arg(1, 200000)
	input := make([]int, 1<<16)
	for i := range input {
		input[i] = i
	}
	results := make([]int, n)
	var wg sync.WaitGroup
	t0 := time.Now()
	for b := 0; b < n; b += batch {
		end := b + batch
		if end > n {
			end = n
		}
		wg.Add(end - b)
		for i := b; i < end; i++ {
			go func(id int) {
				base := (id * 7919) % (len(input) - span)
				sum := 0
				for _, v := range input[base : base+span] {
					sum += v
				}
				results[id] = sum
				wg.Done()
			}(i)
		}
		wg.Wait()
	}
	total := 0
	for _, r := range results {
		total += r
	}
	fmt.Println("checksum", total)
	report("spawnheavy", n, t0)
}

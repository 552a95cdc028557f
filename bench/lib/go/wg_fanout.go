//go:build ignore

// wg_fanout.go - Go twin of bench/lib/wg_fanout.c: R rounds of { Add(K);
// spawn K workers that each call Done; Wait }.
package main

import (
	"fmt"
	"os"
	"runtime"
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

func main() {
	rounds := arg(1, 100000)
	k := arg(2, 8)
	var wg sync.WaitGroup
	t0 := time.Now()
	for r := 0; r < rounds; r++ {
		wg.Add(k)
		for i := 0; i < k; i++ {
			go func() { wg.Done() }()
		}
		wg.Wait()
	}
	ns := time.Since(t0).Nanoseconds()
	fmt.Printf("bench: name=wg_fanout ops=%d ns_op=%.2f procs=%d\n", rounds, float64(ns)/float64(rounds), runtime.GOMAXPROCS(0))
}

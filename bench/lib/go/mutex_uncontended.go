//go:build ignore

// mutex_uncontended.go - Go twin of bench/lib/mutex_uncontended.c.
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

var mu sync.Mutex
var counter int

func main() {
	n := arg(1, 20000000)
	t0 := time.Now()
	for i := 0; i < n; i++ {
		mu.Lock()
		counter++
		mu.Unlock()
	}
	ns := time.Since(t0).Nanoseconds()
	if counter != n {
		os.Exit(1)
	}
	fmt.Printf("bench: name=mutex_uncontended ops=%d ns_op=%.2f procs=%d\n", n, float64(ns)/float64(n), runtime.GOMAXPROCS(0))
}

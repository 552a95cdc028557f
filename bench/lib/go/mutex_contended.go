//go:build ignore

// mutex_contended.go - Go twin of bench/lib/mutex_contended.c: 4 goroutines,
// one mutex, short critical sections.
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
var counter, checksum int

func main() {
	n := arg(1, 4000000)
	per := n / 4
	n = per * 4
	var wg sync.WaitGroup
	t0 := time.Now()
	wg.Add(4)
	for id := 0; id < 4; id++ {
		go func(id int) {
			for i := 0; i < per; i++ {
				mu.Lock()
				counter++
				checksum += id ^ i
				mu.Unlock()
			}
			wg.Done()
		}(id)
	}
	wg.Wait()
	ns := time.Since(t0).Nanoseconds()
	if counter != n {
		fmt.Fprintf(os.Stderr, "mutex_contended: counter %d, want %d\n", counter, n)
		os.Exit(1)
	}
	fmt.Printf("bench: name=mutex_contended ops=%d ns_op=%.2f procs=%d\n", n, float64(ns)/float64(n), runtime.GOMAXPROCS(0))
}

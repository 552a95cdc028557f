//go:build ignore

// atomics.go - Go twin of bench/checker/atomics.c (sync/atomic).
package main

import (
	"fmt"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
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

const workers = 4

var counter int64
var progress [workers]int64

func main() {
	n := arg(1, 8000000)
	per := n / workers
	n = per * workers
	var seen [workers]int64
	var wg sync.WaitGroup
	t0 := time.Now()
	wg.Add(workers)
	for id := 0; id < workers; id++ {
		go func(id int) {
			var acc int64
			for i := 0; i < per; i++ {
				atomic.AddInt64(&counter, 1)
				atomic.StoreInt64(&progress[id], int64(i))
				acc += atomic.LoadInt64(&progress[(id+1)%workers])
			}
			seen[id] = acc
			wg.Done()
		}(id)
	}
	wg.Wait()
	if atomic.LoadInt64(&counter) != int64(n) {
		fmt.Fprintln(os.Stderr, "atomics: counter wrong")
		os.Exit(1)
	}
	var s int64
	for _, v := range seen {
		s += v
	}
	fmt.Println("checksum", s)
	report("atomics", n, t0)
}

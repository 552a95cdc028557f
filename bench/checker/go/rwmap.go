//go:build ignore

// rwmap.go - Go twin of bench/checker/rwmap.c: 4 goroutines, one RWMutex over a 2^16-slot table, 63 lookups : 1 insert.
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

const workers = 4
const slots = 1 << 16
const keys = 1 << 15

type slot struct{ key, val uint64 }

var table []slot
var mu sync.RWMutex

func mix(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	return x
}

func probe(key uint64) *slot {
	i := uint32(mix(key)) & (slots - 1)
	for table[i].key != 0 && table[i].key != key {
		i = (i + 1) & (slots - 1)
	}
	return &table[i]
}

func main() {
	n := arg(1, 4000000)
	per := n / workers
	n = per * workers
	table = make([]slot, slots)
	hits := make([]int, workers)
	var wg sync.WaitGroup
	t0 := time.Now()
	wg.Add(workers)
	for id := 0; id < workers; id++ {
		go func(id int) {
			found := 0
			rng := uint64(0x9e3779b97f4a7c15) * uint64(id+1)
			for i := 0; i < per; i++ {
				rng ^= rng << 13
				rng ^= rng >> 7
				rng ^= rng << 17
				key := rng%keys + 1
				if (rng>>40)%64 == 0 {
					mu.Lock()
					s := probe(key)
					s.key = key
					s.val = uint64(i)
					mu.Unlock()
				} else {
					mu.RLock()
					if probe(key).key == key {
						found++
					}
					mu.RUnlock()
				}
			}
			hits[id] = found
			wg.Done()
		}(id)
	}
	wg.Wait()
	found := 0
	for _, h := range hits {
		found += h
	}
	fmt.Println("checksum", found)
	report("rwmap", n, t0)
}

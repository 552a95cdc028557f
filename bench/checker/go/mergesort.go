//go:build ignore

// mergesort.go - Go twin of bench/checker/mergesort.c: the left half sorted by a new goroutine (joined by a channel) down to 64K runs.
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

const serial = 65536

func merge(v, tmp []int32) {
	n := len(v)
	h, i, j, k := n/2, 0, n/2, 0
	for i < h && j < n {
		if v[i] <= v[j] {
			tmp[k] = v[i]
			i++
		} else {
			tmp[k] = v[j]
			j++
		}
		k++
	}
	for i < h {
		tmp[k] = v[i]
		i++
		k++
	}
	for j < n {
		tmp[k] = v[j]
		j++
		k++
	}
	copy(v, tmp[:n])
}

func sortSerial(v, tmp []int32) {
	n := len(v)
	if n < 2 {
		return
	}
	sortSerial(v[:n/2], tmp[:n/2])
	sortSerial(v[n/2:], tmp[n/2:])
	merge(v, tmp)
}

func sortPar(v, tmp []int32) {
	n := len(v)
	if n <= serial {
		sortSerial(v, tmp)
		return
	}
	done := make(chan struct{})
	go func() {
		sortPar(v[:n/2], tmp[:n/2])
		done <- struct{}{}
	}()
	sortPar(v[n/2:], tmp[n/2:])
	<-done
	merge(v, tmp)
}

func main() {
	n := arg(1, 4<<20)
	v := make([]int32, n)
	tmp := make([]int32, n)
	rng := uint32(12345)
	for i := range v {
		rng ^= rng << 13
		rng ^= rng >> 17
		rng ^= rng << 5
		v[i] = int32(rng >> 1)
	}
	t0 := time.Now()
	sortPar(v, tmp)
	for i := 1; i < n; i++ {
		if v[i-1] > v[i] {
			fmt.Fprintf(os.Stderr, "mergesort: not sorted at %d\n", i)
			os.Exit(1)
		}
	}
	fmt.Println("checksum", v[0], v[n-1])
	report("mergesort", n, t0)
}

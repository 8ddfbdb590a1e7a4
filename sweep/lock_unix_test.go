//go:build unix

package sweep

import "testing"

// Two processes never both hold the lock, though each removes the file
// when done: a lock taken on a removed file is retaken on the new one.
func TestLockAfterRemoval(t *testing.T) {
	dir := t.TempDir()
	a, err := lockDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lockDir(dir); err == nil {
		t.Fatal("locked twice")
	}
	a.unlock()
	a.unlock() // a second unlock must not remove another holder's file
	b, err := lockDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer b.unlock()
	if _, err := lockDir(dir); err == nil {
		t.Fatal("locked twice after a removal")
	}
}

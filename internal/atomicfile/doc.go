// Package atomicfile writes files, and whole directories, so that readers
// see either the old or the complete new content, never a partial file or
// a mix of old and new files.
package atomicfile

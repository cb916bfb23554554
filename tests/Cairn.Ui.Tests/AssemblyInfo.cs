using Xunit;

// Browser tests run one class at a time: three Chromium instances and their servers competing for
// two cores made page waits time out now and then.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

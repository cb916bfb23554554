using Cairn.Testing;
using Xunit;

[assembly: AssemblyFixture(typeof(PostgresServer))]

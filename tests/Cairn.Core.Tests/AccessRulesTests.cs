using Cairn.Core.Access;
using Cairn.Core.Errors;
using Xunit;

namespace Cairn.Core.Tests;

public sealed class AccessRulesTests
{
    [Theory]
    [InlineData(ProjectRole.Viewer, Scope.Read)]
    [InlineData(ProjectRole.Editor, Scope.Read | Scope.Write)]
    [InlineData(ProjectRole.Approver, Scope.Read | Scope.Write)]
    [InlineData(ProjectRole.Owner, Scope.Read | Scope.Write | Scope.Deploy | Scope.Admin | Scope.Deanonymize)]
    public void Grants_EachRole_MatchesTheDocumentedTable(ProjectRole role, Scope expected) => Assert.Equal(expected, Roles.Grants(role));

    [Fact]
    public void CanApprove_OnlyApproverAndOwner()
    {
        Assert.Equal([false, false, true, true], Enum.GetValues<ProjectRole>().Select(Roles.CanApprove));
    }

    [Fact]
    public void Effective_KeyScopesBeyondRole_AreCut()
    {
        var caller = new Caller(1, "cairn_x", 1, "bob", false, 1, "alpha", ProjectRole.Viewer, Scope.All, null);
        Assert.Equal(Scope.Read, caller.Effective);
        Assert.False(caller.Has(Scope.Write));
    }

    [Fact]
    public void Effective_RoleBeyondKeyScopes_AreCut()
    {
        var caller = new Caller(1, "cairn_x", 1, "olga", false, 1, "alpha", ProjectRole.Owner, Scope.Read, null);
        Assert.Equal(Scope.Read, caller.Effective);
        Assert.False(caller.Has(Scope.Admin));
    }

    [Fact]
    public void ScopeNames_ParseAndFormat_RoundTrip()
    {
        var scopes = ScopeNames.Parse(["WRITE", " read ", "admin"]);
        Assert.Equal(Scope.Read | Scope.Write | Scope.Admin, scopes);
        Assert.Equal("read,write,admin", ScopeNames.Format(scopes));
    }

    [Theory]
    [InlineData("root")]
    [InlineData("")]
    public void ScopeNames_UnknownName_NamesFieldAndValidValues(string name)
    {
        var e = Assert.Throws<CairnException>(() => ScopeNames.Parse([name]));
        Assert.Equal(ErrorKind.Invalid, e.Kind);
        Assert.Equal("scopes", e.Field);
        Assert.Contains("read, write, deploy, admin", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScopeNames_EmptyList_IsInvalid()
    {
        Assert.Equal(ErrorKind.Invalid, Assert.Throws<CairnException>(() => ScopeNames.Parse([])).Kind);
    }

    [Theory]
    [InlineData("alpha")]
    [InlineData("a")]
    [InlineData("team-1.prod_v2")]
    public void RequireSlug_Valid_ReturnsIt(string slug) => Assert.Equal(slug, Names.RequireSlug(slug, "name"));

    [Theory]
    [InlineData("")]
    [InlineData("Alpha")]
    [InlineData("-lead")]
    [InlineData("a b")]
    [InlineData("../etc")]
    [InlineData("a/b")]
    [InlineData("αβγ")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void RequireSlug_Invalid_NamesTheField(string slug)
    {
        var e = Assert.Throws<CairnException>(() => Names.RequireSlug(slug, "name"));
        Assert.Equal("name", e.Field);
    }

    [Fact]
    public void Roles_Parse_UnknownRole_ListsValidRoles()
    {
        var e = Assert.Throws<CairnException>(() => Roles.Parse("superuser"));
        Assert.Contains("viewer, editor, approver, owner", e.Message, StringComparison.Ordinal);
    }
}
